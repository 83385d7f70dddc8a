package com.example.shortlinks

import org.springframework.boot.autoconfigure.SpringBootApplication
import org.springframework.boot.runApplication

@SpringBootApplication
class ShortlinksApplication

fun main(args: Array<String>) {
    runApplication<ShortlinksApplication>(*args)
}
