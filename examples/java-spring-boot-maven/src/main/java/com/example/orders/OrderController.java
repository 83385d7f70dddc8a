package com.example.orders;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import java.math.BigDecimal;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
@RequestMapping("/orders")
public class OrderController {

    record NewOrder(@NotBlank String customer, @Positive BigDecimal total) {
    }

    private final OrderRepository orders;
    private final String paymentsUrl;

    public OrderController(OrderRepository orders, @Value("${PAYMENTS_API_URL:http://payments:8080}") String paymentsUrl) {
        this.orders = orders;
        this.paymentsUrl = paymentsUrl;
    }

    @GetMapping
    public List<Order> list() {
        return orders.findAll();
    }

    @GetMapping("/{id}")
    public Order get(@PathVariable Long id) {
        return orders.findById(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public Order create(@Valid @RequestBody NewOrder body) {
        return orders.save(new Order(body.customer(), body.total()));
    }

    @GetMapping("/payments-endpoint")
    public String paymentsEndpoint() {
        return paymentsUrl;
    }
}
