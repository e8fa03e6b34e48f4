// cfn-response, as the lambda-sdlc local cloud provides it to inline (Code.ZipFile) Node.js code: AWS's send()
// signature and response object, PUT to the ResponseURL the local cloud serves (plain HTTP on loopback, which
// AWS's own module, fixed on HTTPS port 443, cannot reach). Like AWS's, it ends the invocation with context.done().
'use strict';

exports.SUCCESS = 'SUCCESS';
exports.FAILED = 'FAILED';

exports.send = function (event, context, responseStatus, responseData, physicalResourceId, noEcho) {
  return new Promise((resolve) => {
    const responseBody = JSON.stringify({
      Status: responseStatus,
      Reason: 'See the details in CloudWatch Log Stream: ' + context.logStreamName,
      PhysicalResourceId: physicalResourceId || context.logStreamName,
      StackId: event.StackId,
      RequestId: event.RequestId,
      LogicalResourceId: event.LogicalResourceId,
      NoEcho: noEcho || false,
      Data: responseData,
    });
    console.log('Response body:\n', responseBody);
    const url = new URL(event.ResponseURL);
    const http = require(url.protocol === 'https:' ? 'https' : 'http');
    const finish = () => {
      if (typeof context.done === 'function') {
        context.done();
      }
      resolve();
    };
    const request = http.request({
      hostname: url.hostname,
      port: url.port,
      path: url.pathname + url.search,
      method: 'PUT',
      headers: { 'content-type': '', 'content-length': Buffer.byteLength(responseBody) },
    }, (response) => {
      console.log('Status code: ' + response.statusCode);
      response.resume();
      response.on('end', finish);
    });
    request.on('error', (error) => {
      console.log('send(..) failed executing https.request(..): ' + error);
      finish();
    });
    request.write(responseBody);
    request.end();
  });
};
