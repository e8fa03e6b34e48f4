package io.github.lambdasdlc.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuoteHandlerTest {

  /** The context Lambda passes, reduced to what a handler reads; its logger keeps the lines. */
  static final class RecordingContext implements Context {
    final List<String> lines = new ArrayList<>();

    @Override public String getAwsRequestId() { return "req-1"; }
    @Override public String getLogGroupName() { return "/aws/lambda/example"; }
    @Override public String getLogStreamName() { return "2026/11/27/[$LATEST]abc"; }
    @Override public String getFunctionName() { return "example"; }
    @Override public String getFunctionVersion() { return "$LATEST"; }
    @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:000000000000:function:example"; }
    @Override public CognitoIdentity getIdentity() { return null; }
    @Override public ClientContext getClientContext() { return null; }
    @Override public int getRemainingTimeInMillis() { return 3000; }
    @Override public int getMemoryLimitInMB() { return 512; }

    @Override
    public LambdaLogger getLogger() {
      return new LambdaLogger() {
        @Override
        public void log(String message) {
          lines.add(message);
        }

        @Override
        public void log(byte[] message) {
          lines.add(new String(message, StandardCharsets.UTF_8));
        }
      };
    }
  }

  @Test
  void pricesAndLogsThroughTheLambdaLogger() {
    QuoteRequest request = new QuoteRequest();
    request.setItems(List.of(new LineItem("pen", 3, new BigDecimal("1.50"))));
    RecordingContext context = new RecordingContext();

    QuoteResponse response = new QuoteHandler().handleRequest(request, context);

    assertEquals(new BigDecimal("4.50"), response.getTotal());
    assertEquals(2, context.lines.size());
    assertTrue(context.lines.get(0).contains("1 line(s), request req-1"));
    assertTrue(context.lines.get(1).contains("Quote total 4.50"));
  }

  @Test
  void pricesAQuoteAskedThroughTheFunctionUrlsQueryString() {
    QuoteRequest event = new QuoteRequest(); // what the runtime makes of a function URL's event
    event.setQueryStringParameters(java.util.Map.of("sku", "pen", "quantity", "3", "unitPrice", "1.50",
        "taxRatePercent", "10"));

    QuoteResponse response = new QuoteHandler().handleRequest(event, new RecordingContext());

    assertEquals(new BigDecimal("4.95"), response.getTotal());
    assertEquals(3, response.getItemCount());
  }

  @Test
  void aQueryThatIsNoNumberSaysWhichParameter() {
    QuoteRequest event = new QuoteRequest();
    event.setQueryStringParameters(java.util.Map.of("sku", "pen", "quantity", "three", "unitPrice", "1.50"));

    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> new QuoteHandler().handleRequest(event, new RecordingContext()));
    assertEquals("quantity must be a whole number, not 'three'", e.getMessage());
  }
}
