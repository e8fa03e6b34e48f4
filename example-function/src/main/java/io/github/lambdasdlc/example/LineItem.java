package io.github.lambdasdlc.example;

import java.math.BigDecimal;

/** One line of a quote request: what, how many, at what unit price. */
public class LineItem {
  private String sku;
  private int quantity;
  private BigDecimal unitPrice;

  public LineItem() {
  }

  public LineItem(String sku, int quantity, BigDecimal unitPrice) {
    this.sku = sku;
    this.quantity = quantity;
    this.unitPrice = unitPrice;
  }

  public String getSku() {
    return sku;
  }

  public void setSku(String sku) {
    this.sku = sku;
  }

  public int getQuantity() {
    return quantity;
  }

  public void setQuantity(int quantity) {
    this.quantity = quantity;
  }

  public BigDecimal getUnitPrice() {
    return unitPrice;
  }

  public void setUnitPrice(BigDecimal unitPrice) {
    this.unitPrice = unitPrice;
  }
}
