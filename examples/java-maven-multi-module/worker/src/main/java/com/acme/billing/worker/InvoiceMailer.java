package com.acme.billing.worker;

import com.acme.billing.common.Invoice;
import com.acme.billing.common.InvoiceRepository;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

@Component
public class InvoiceMailer {

    private final InvoiceRepository invoices;
    private final JavaMailSender mail;
    private final String from;

    public InvoiceMailer(InvoiceRepository invoices, JavaMailSender mail, @Value("${MAIL_FROM}") String from) {
        this.invoices = invoices;
        this.mail = mail;
        this.from = from;
    }

    @Scheduled(fixedDelayString = "${SEND_INTERVAL_MS:60000}")
    @Transactional
    public void sendPending() {
        for (Invoice invoice : invoices.findBySentFalse()) {
            SimpleMailMessage message = new SimpleMailMessage();
            message.setFrom(from);
            message.setTo(invoice.getCustomer());
            message.setSubject("Your invoice #" + invoice.getId());
            message.setText("Amount due: " + invoice.getAmount());
            mail.send(message);
            invoice.markSent();
        }
    }
}
