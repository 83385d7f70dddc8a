package com.acme.billing.api;

import com.acme.billing.common.Invoice;
import com.acme.billing.common.InvoiceRepository;
import java.math.BigDecimal;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class InvoiceController {

    record NewInvoice(String customer, BigDecimal amount) {
    }

    private final InvoiceRepository invoices;

    public InvoiceController(InvoiceRepository invoices) {
        this.invoices = invoices;
    }

    @GetMapping("/invoices")
    public List<Invoice> list() {
        return invoices.findAll();
    }

    @PostMapping("/invoices")
    @ResponseStatus(HttpStatus.CREATED)
    public Invoice create(@RequestBody NewInvoice body) {
        return invoices.save(new Invoice(body.customer(), body.amount()));
    }
}
