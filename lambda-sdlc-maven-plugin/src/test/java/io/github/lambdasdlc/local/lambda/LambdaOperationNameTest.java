package io.github.lambdasdlc.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The operation names fault plans aim at, from the methods and URIs of Lambda's model. */
class LambdaOperationNameTest {
  @ParameterizedTest
  @CsvSource(nullValues = "null", value = {
      "POST, /2015-03-31/functions, CreateFunction",
      "GET, /2015-03-31/functions/, ListFunctions",
      "GET, /2015-03-31/functions/fn, GetFunction",
      "DELETE, /2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A000000000000%3Afunction%3Afn, DeleteFunction",
      "GET, /2015-03-31/functions/fn/configuration, GetFunctionConfiguration",
      "PUT, /2015-03-31/functions/fn/configuration, UpdateFunctionConfiguration",
      "PUT, /2015-03-31/functions/fn/code, UpdateFunctionCode",
      "POST, /2015-03-31/functions/fn/invocations, Invoke",
      "POST, /2015-03-31/functions/fn/versions, PublishVersion",
      "GET, /2015-03-31/functions/fn/versions, ListVersionsByFunction",
      "POST, /2015-03-31/functions/fn/aliases, CreateAlias",
      "GET, /2015-03-31/functions/fn/aliases, ListAliases",
      "GET, /2015-03-31/functions/fn/aliases/live, GetAlias",
      "PUT, /2015-03-31/functions/fn/aliases/live, UpdateAlias",
      "DELETE, /2015-03-31/functions/fn/aliases/live, DeleteAlias",
      "GET, /2016-08-19/account-settings, GetAccountSettings",
      "PUT, /2019-09-25/functions/fn/event-invoke-config, PutFunctionEventInvokeConfig",
      "POST, /2019-09-25/functions/fn/event-invoke-config, UpdateFunctionEventInvokeConfig",
      "GET, /2019-09-25/functions/fn/event-invoke-config, GetFunctionEventInvokeConfig",
      "DELETE, /2019-09-25/functions/fn/event-invoke-config, DeleteFunctionEventInvokeConfig",
      "GET, /2019-09-25/functions/fn/event-invoke-config/list, ListFunctionEventInvokeConfigs",
      "POST, /2021-10-31/functions/fn/url, CreateFunctionUrlConfig",
      "GET, /2021-10-31/functions/fn/url, GetFunctionUrlConfig",
      "PUT, /2021-10-31/functions/fn/url, UpdateFunctionUrlConfig",
      "DELETE, /2021-10-31/functions/fn/url, DeleteFunctionUrlConfig",
      "GET, /2021-10-31/functions/fn/urls, ListFunctionUrlConfigs",
      "POST, /2021-10-31/functions/fn/urls, null",
      "GET, /2019-09-25/functions/fn/other, null",
      "PATCH, /2015-03-31/functions/fn, null",
      "GET, /2015-03-31/functions/fn/code, null",
      "GET, /local-cloud/lambda/code/abc.zip, null",
      "GET, /2015-03-31/functions/fn/aliases/live/extra, null",
  })
  void namesTheOperationOfEachRoute(String method, String path, String operation) {
    assertThat(LambdaRoutes.operationName(method, path)).isEqualTo(operation);
  }
}
