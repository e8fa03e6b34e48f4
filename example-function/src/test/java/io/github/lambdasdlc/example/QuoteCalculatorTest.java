package io.github.lambdasdlc.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuoteCalculatorTest {
  private final QuoteCalculator calculator = new QuoteCalculator();

  private static QuoteRequest request(String coupon, String tax, LineItem... items) {
    QuoteRequest r = new QuoteRequest();
    r.setItems(new ArrayList<>(List.of(items)));
    r.setCouponCode(coupon);
    r.setTaxRatePercent(tax == null ? null : new BigDecimal(tax));
    return r;
  }

  private static LineItem item(String sku, int quantity, String price) {
    return new LineItem(sku, quantity, new BigDecimal(price));
  }

  @Test
  void pricesWithoutDiscountOrTax() {
    QuoteResponse q = calculator.price(request(null, null, item("pen", 2, "1.25"), item("pad", 1, "3.10")));
    assertEquals(new BigDecimal("5.60"), q.getSubtotal());
    assertEquals(new BigDecimal("0.00"), q.getDiscount());
    assertNull(q.getDiscountReason());
    assertEquals(new BigDecimal("5.60"), q.getTotal());
    assertEquals(3, q.getItemCount());
  }

  @Test
  void volumeDiscountFromTenUnitsThenTaxOnTheDiscountedAmount() {
    QuoteResponse q = calculator.price(request(null, "8.25", item("pen", 10, "2.00")));
    assertEquals(new BigDecimal("20.00"), q.getSubtotal());
    assertEquals(new BigDecimal("1.00"), q.getDiscount());
    assertEquals("volume (10 units)", q.getDiscountReason());
    assertEquals(new BigDecimal("1.57"), q.getTax()); // 19.00 * 8.25% = 1.5675
    assertEquals(new BigDecimal("20.57"), q.getTotal());
  }

  @Test
  void theBetterDiscountWinsAndCouponsIgnoreCase() {
    QuoteResponse q = calculator.price(request("welcome10", null, item("pen", 10, "2.00")));
    assertEquals(new BigDecimal("2.00"), q.getDiscount());
    assertEquals("coupon WELCOME10", q.getDiscountReason());
  }

  @Test
  void roundsHalfEvenToCents() {
    QuoteResponse q = calculator.price(request(null, null, item("x", 1, "0.125")));
    assertEquals(new BigDecimal("0.12"), q.getSubtotal());
  }

  @Test
  void refusesBadInputWithMessagesThatSayWhatToFix() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> calculator.price(request(null, null)))
        .getMessage().contains("at least one line"));
    assertEquals("items[0].quantity must be between 1 and 10000, not 0", assertThrows(IllegalArgumentException.class,
        () -> calculator.price(request(null, null, item("a", 0, "1")))).getMessage());
    assertEquals("Unknown coupon code 'FREE'", assertThrows(IllegalArgumentException.class,
        () -> calculator.price(request("FREE", null, item("a", 1, "1")))).getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> calculator.price(request(null, "31", item("a", 1, "1")))).getMessage().contains("taxRatePercent"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> calculator.price(request(null, null, item(" ", 1, "1")))).getMessage().contains("items[0].sku"));
  }
}
