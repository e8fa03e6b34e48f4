package io.github.lambdasdlc.example;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * What the function is asked to price. JavaBean style, because the Lambda Java runtime's serializer fills
 * objects through setters.
 */
public class QuoteRequest {
  private List<LineItem> items;
  private String couponCode;
  private BigDecimal taxRatePercent;
  private Map<String, String> queryStringParameters;

  public List<LineItem> getItems() {
    return items;
  }

  public void setItems(List<LineItem> items) {
    this.items = items;
  }

  public String getCouponCode() {
    return couponCode;
  }

  public void setCouponCode(String couponCode) {
    this.couponCode = couponCode;
  }

  public BigDecimal getTaxRatePercent() {
    return taxRatePercent;
  }

  public void setTaxRatePercent(BigDecimal taxRatePercent) {
    this.taxRatePercent = taxRatePercent;
  }

  /**
   * The query string's parameters when the quote is asked over HTTP, through the stack's function URL: the
   * payload format 2.0 event carries them here (its other members are ignored).
   */
  public Map<String, String> getQueryStringParameters() {
    return queryStringParameters;
  }

  public void setQueryStringParameters(Map<String, String> queryStringParameters) {
    this.queryStringParameters = queryStringParameters;
  }

  /**
   * A one-line quote from a URL's query: {@code ?sku=pen&quantity=3&unitPrice=1.50}, optionally with
   * {@code couponCode} and {@code taxRatePercent}.
   */
  static QuoteRequest fromQuery(Map<String, String> query) {
    QuoteRequest request = new QuoteRequest();
    String quantity = query.getOrDefault("quantity", "1");
    int count;
    try {
      count = Integer.parseInt(quantity.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("quantity must be a whole number, not '" + quantity + "'");
    }
    request.setItems(List.of(new LineItem(query.get("sku"), count, decimal(query, "unitPrice"))));
    request.setCouponCode(query.get("couponCode"));
    request.setTaxRatePercent(decimal(query, "taxRatePercent"));
    return request;
  }

  private static BigDecimal decimal(Map<String, String> query, String name) {
    String value = query.get(name);
    if (value == null) {
      return null;
    }
    try {
      return new BigDecimal(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number, not '" + value + "'");
    }
  }
}
