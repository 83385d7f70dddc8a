<?php

function register($db, $email, $password)
{
    // ruleid: DSQ-PHP-0010
    $hash = md5($password);
    // ruleid: DSQ-PHP-0010
    $legacy = sha1($salt . $_POST['password']);
    // ruleid: DSQ-PHP-0010
    $h = hash('sha256', $password);
    // ok: DSQ-PHP-0010
    $good = password_hash($password, PASSWORD_ARGON2ID);
    // ok: DSQ-PHP-0010
    $etag = md5($body);
    // ok: DSQ-PHP-0010
    $checksum = hash('sha256', file_get_contents($path));
}
