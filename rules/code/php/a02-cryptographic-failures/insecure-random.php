<?php

// ruleid: DSQ-PHP-0011
$resetToken = md5(uniqid());
// ruleid: DSQ-PHP-0011
$otp = mt_rand(100000, 999999);

function csrfToken()
{
    // ruleid: DSQ-PHP-0011
    return substr(str_shuffle('abcdefghijklmnopqrstuvwxyz0123456789'), 0, 32);
}

// ok: DSQ-PHP-0011
$token = bin2hex(random_bytes(32));
// ok: DSQ-PHP-0011
$code = random_int(100000, 999999);
// ok: DSQ-PHP-0011
$color = $colors[mt_rand(0, count($colors) - 1)];

function shuffleDeck(array $cards)
{
    // ok: DSQ-PHP-0011
    $seed = mt_rand();
    return $cards;
}
