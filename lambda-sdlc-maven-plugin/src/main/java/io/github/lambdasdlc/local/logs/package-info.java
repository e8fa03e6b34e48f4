/**
 * The local cloud's CloudWatch Logs: the read API (DescribeLogGroups, DescribeLogStreams, GetLogEvents,
 * FilterLogEvents over AWS JSON 1.1) over the log files the execution engine writes under
 * {@code <state>/logs/<URL-encoded group>/<URL-encoded stream>}.
 *
 * <p>For other services: {@link io.github.lambdasdlc.local.logs.LogsService#createLogGroup(String)} and
 * {@link io.github.lambdasdlc.local.logs.LogsService#deleteLogGroup(String)} make and remove a log group (a
 * directory, possibly without streams), as CloudFormation's {@code AWS::Logs::LogGroup} needs;
 * {@link io.github.lambdasdlc.local.logs.LogsService#logGroupExists(String)} tells whether one exists.
 */
package io.github.lambdasdlc.local.logs;
