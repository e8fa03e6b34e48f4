package io.github.lambdasdlc.example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;

/**
 * The Lambda entry point: prices a quote. Bad input fails the invocation with an
 * {@link IllegalArgumentException} whose message says what to fix, which Lambda reports to the caller as the
 * function's error.
 */
public class QuoteHandler implements RequestHandler<QuoteRequest, QuoteResponse> {
  private final QuoteCalculator calculator = new QuoteCalculator();

  @Override
  public QuoteResponse handleRequest(QuoteRequest request, Context context) {
    LambdaLogger log = context.getLogger();
    int lines = request == null || request.getItems() == null ? 0 : request.getItems().size();
    log.log("Pricing a quote of " + lines + " line(s), request " + context.getAwsRequestId());
    QuoteResponse response = calculator.price(request);
    log.log("Quote total " + response.getTotal() + " (discount " + response.getDiscount() + ")");
    return response;
  }
}
