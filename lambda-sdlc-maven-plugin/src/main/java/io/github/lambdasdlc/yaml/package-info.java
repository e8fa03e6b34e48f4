/**
 * YAML reading shared by the workflow and the local cloud (both read CloudFormation templates with SnakeYAML):
 * knows neither of them, nor Maven, nor the SDK.
 */
package io.github.lambdasdlc.yaml;
