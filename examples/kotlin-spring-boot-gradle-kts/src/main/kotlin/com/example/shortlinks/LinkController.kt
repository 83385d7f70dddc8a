package com.example.shortlinks

import org.springframework.beans.factory.annotation.Value
import org.springframework.data.redis.core.StringRedisTemplate
import org.springframework.http.HttpStatus
import org.springframework.http.ResponseEntity
import org.springframework.web.bind.annotation.GetMapping
import org.springframework.web.bind.annotation.PathVariable
import org.springframework.web.bind.annotation.PostMapping
import org.springframework.web.bind.annotation.RequestBody
import org.springframework.web.bind.annotation.RestController
import java.net.URI
import java.time.Duration
import java.util.UUID

data class NewLink(val url: String)

data class Link(val code: String, val url: String)

@RestController
class LinkController(
    private val redis: StringRedisTemplate,
    @Value("\${LINK_TTL_DAYS:30}") private val ttlDays: Long,
) {
    private val publicBase: String = System.getenv("PUBLIC_BASE_URL") ?: "http://localhost:8080"

    @PostMapping("/links")
    fun create(@RequestBody body: NewLink): ResponseEntity<Link> {
        val code = UUID.randomUUID().toString().take(8)
        redis.opsForValue().set("link:$code", body.url, Duration.ofDays(ttlDays))
        return ResponseEntity.created(URI.create("$publicBase/$code")).body(Link(code, body.url))
    }

    @GetMapping("/{code}")
    fun follow(@PathVariable code: String): ResponseEntity<Void> {
        val target = redis.opsForValue().get("link:$code") ?: return ResponseEntity.notFound().build()
        return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(target)).build()
    }
}
