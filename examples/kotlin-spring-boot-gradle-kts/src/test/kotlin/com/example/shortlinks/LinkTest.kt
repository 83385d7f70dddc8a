package com.example.shortlinks

import kotlin.test.Test
import kotlin.test.assertEquals

class LinkTest {
    @Test
    fun `keeps the target url`() {
        assertEquals("https://example.org", Link("abc", "https://example.org").url)
    }
}
