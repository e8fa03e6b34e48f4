package io.github.lambdasdlc.example;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prices a quote: the subtotal of the lines, the better of a volume discount and a coupon (discounts do not
 * stack), then tax on the discounted amount. Money is rounded half-even to cents once per step, as an
 * invoice would show it.
 */
public final class QuoteCalculator {
  /** Lines in one quote at most; a quote is not an order book. */
  public static final int MAX_ITEMS = 100;
  /** Units of one line at most. */
  public static final int MAX_QUANTITY = 10_000;
  /** From this many units in all, the volume discount applies. */
  public static final int VOLUME_THRESHOLD = 10;
  static final BigDecimal VOLUME_PERCENT = new BigDecimal("5");
  static final Map<String, BigDecimal> COUPONS = Map.of("WELCOME10", new BigDecimal("10"), "SPRING15",
      new BigDecimal("15"));
  private static final BigDecimal HUNDRED = new BigDecimal("100");
  private static final BigDecimal MAX_TAX = new BigDecimal("30");

  public QuoteResponse price(QuoteRequest request) {
    if (request == null) {
      throw new IllegalArgumentException("The request is empty: send {\"items\": [...]}");
    }
    List<LineItem> items = request.getItems();
    if (items == null || items.isEmpty()) {
      throw new IllegalArgumentException("items must hold at least one line");
    }
    if (items.size() > MAX_ITEMS) {
      throw new IllegalArgumentException("items holds " + items.size() + " lines; at most " + MAX_ITEMS + " are allowed");
    }
    BigDecimal subtotal = BigDecimal.ZERO;
    int units = 0;
    for (int i = 0; i < items.size(); i++) {
      LineItem item = items.get(i);
      String where = "items[" + i + "]";
      if (item == null) {
        throw new IllegalArgumentException(where + " is null");
      }
      if (item.getSku() == null || item.getSku().isBlank()) {
        throw new IllegalArgumentException(where + ".sku is required");
      }
      if (item.getQuantity() < 1 || item.getQuantity() > MAX_QUANTITY) {
        throw new IllegalArgumentException(where + ".quantity must be between 1 and " + MAX_QUANTITY + ", not "
            + item.getQuantity());
      }
      if (item.getUnitPrice() == null || item.getUnitPrice().signum() < 0) {
        throw new IllegalArgumentException(where + ".unitPrice must be zero or more");
      }
      subtotal = subtotal.add(item.getUnitPrice().multiply(BigDecimal.valueOf(item.getQuantity())));
      units += item.getQuantity();
    }
    subtotal = cents(subtotal);

    BigDecimal percent = BigDecimal.ZERO;
    String reason = null;
    if (units >= VOLUME_THRESHOLD) {
      percent = VOLUME_PERCENT;
      reason = "volume (" + units + " units)";
    }
    if (request.getCouponCode() != null && !request.getCouponCode().isBlank()) {
      String code = request.getCouponCode().trim().toUpperCase(Locale.ROOT);
      BigDecimal coupon = COUPONS.get(code);
      if (coupon == null) {
        throw new IllegalArgumentException("Unknown coupon code '" + request.getCouponCode() + "'");
      }
      if (coupon.compareTo(percent) > 0) {
        percent = coupon;
        reason = "coupon " + code;
      }
    }
    BigDecimal discount = cents(subtotal.multiply(percent).divide(HUNDRED));

    BigDecimal taxRate = request.getTaxRatePercent() == null ? BigDecimal.ZERO : request.getTaxRatePercent();
    if (taxRate.signum() < 0 || taxRate.compareTo(MAX_TAX) > 0) {
      throw new IllegalArgumentException("taxRatePercent must be between 0 and " + MAX_TAX + ", not " + taxRate);
    }
    BigDecimal taxable = subtotal.subtract(discount);
    BigDecimal tax = cents(taxable.multiply(taxRate).divide(HUNDRED));

    QuoteResponse response = new QuoteResponse();
    response.setSubtotal(subtotal);
    response.setDiscount(discount);
    response.setDiscountReason(reason);
    response.setTax(tax);
    response.setTotal(taxable.add(tax));
    response.setItemCount(units);
    return response;
  }

  private static BigDecimal cents(BigDecimal amount) {
    return amount.setScale(2, RoundingMode.HALF_EVEN);
  }
}
