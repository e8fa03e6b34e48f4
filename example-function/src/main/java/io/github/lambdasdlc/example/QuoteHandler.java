package io.github.lambdasdlc.example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;

/**
 * The Lambda entry point: prices a quote, given as JSON by Invoke or as a URL's query by the stack's function
 * URL ({@code curl '<url>?sku=pen&quantity=3&unitPrice=1.50'}). Bad input fails the invocation with an
 * {@link IllegalArgumentException} whose message says what to fix, which Lambda reports to the caller as the
 * function's error.
 */
public class QuoteHandler implements RequestHandler<QuoteRequest, QuoteResponse> {
  private final QuoteCalculator calculator = new QuoteCalculator();

  @Override
  public QuoteResponse handleRequest(QuoteRequest event, Context context) {
    LambdaLogger log = context.getLogger();
    QuoteRequest request = event != null && event.getItems() == null && event.getQueryStringParameters() != null
        ? QuoteRequest.fromQuery(event.getQueryStringParameters()) : event;
    int lines = request == null || request.getItems() == null ? 0 : request.getItems().size();
    log.log("Pricing a quote of " + lines + " line(s), request " + context.getAwsRequestId());
    QuoteResponse response = calculator.price(request);
    log.log("Quote total " + response.getTotal() + " (discount " + response.getDiscount() + ")");
    return response;
  }
}
