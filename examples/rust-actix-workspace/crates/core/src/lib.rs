//! Domain types and pricing rules shared by the shop's binaries.
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LineItem {
    pub sku: String,
    pub quantity: u32,
    pub unit_price_cents: u64,
}

#[derive(Debug, Serialize)]
pub struct Quote {
    pub subtotal_cents: u64,
    pub discount_cents: u64,
    pub total_cents: u64,
}

/// Ten percent off orders of 10,000 cents or more.
pub fn quote(items: &[LineItem]) -> Quote {
    let subtotal: u64 = items.iter().map(|i| i.unit_price_cents * u64::from(i.quantity)).sum();
    let discount = if subtotal >= 10_000 { subtotal / 10 } else { 0 };
    Quote { subtotal_cents: subtotal, discount_cents: discount, total_cents: subtotal - discount }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discounts_large_orders() {
        let items = vec![LineItem { sku: "a".into(), quantity: 2, unit_price_cents: 6_000 }];
        assert_eq!(quote(&items).total_cents, 10_800);
    }
}
