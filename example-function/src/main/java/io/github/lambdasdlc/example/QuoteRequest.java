package io.github.lambdasdlc.example;

import java.math.BigDecimal;
import java.util.List;

/**
 * What the function is asked to price. JavaBean style, because the Lambda Java runtime's serializer fills
 * objects through setters.
 */
public class QuoteRequest {
  private List<LineItem> items;
  private String couponCode;
  private BigDecimal taxRatePercent;

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
}
