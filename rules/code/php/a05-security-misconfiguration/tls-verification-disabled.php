<?php

$ch = curl_init('https://api.example.com');
// ruleid: DSQ-PHP-0012
curl_setopt($ch, CURLOPT_SSL_VERIFYPEER, false);
// ruleid: DSQ-PHP-0012
curl_setopt($ch, CURLOPT_SSL_VERIFYHOST, 0);
// ok: DSQ-PHP-0012
curl_setopt($ch, CURLOPT_SSL_VERIFYPEER, true);
curl_setopt_array($ch, [
    // ruleid: DSQ-PHP-0012
    CURLOPT_SSL_VERIFYPEER => false,
    // ok: DSQ-PHP-0012
    CURLOPT_RETURNTRANSFER => false,
]);
// ruleid: DSQ-PHP-0012
$client = new Client(['verify' => false]);
// ok: DSQ-PHP-0012
$client2 = new Client(['verify' => '/etc/ssl/private-ca.pem']);
// ruleid: DSQ-PHP-0012
$res = Http::withoutVerifying()->get('https://internal.example');
