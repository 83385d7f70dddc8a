package com.example.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class OrdersApplicationTests {

    @Test
    void newOrderKeepsItsTotal() {
        Order order = new Order("ada", new BigDecimal("12.50"));
        assertThat(order.getTotal()).isEqualByComparingTo("12.50");
    }
}
