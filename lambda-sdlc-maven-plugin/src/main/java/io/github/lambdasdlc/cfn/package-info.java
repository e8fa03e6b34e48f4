/**
 * CloudFormation's template language, shared by the workflow and the local cloud: reading JSON and YAML
 * templates (with the short-form tags), the intrinsic functions' names, and their evaluation over a
 * {@link io.github.lambdasdlc.cfn.IntrinsicFunctions.Scope} that each side fills with what it knows. Depends on
 * Jackson only: neither Maven, nor the AWS SDK, nor the plugin's other packages.
 */
package io.github.lambdasdlc.cfn;
