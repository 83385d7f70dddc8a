<?php

// ruleid: DSQ-PHP-0007
$cart = unserialize($_COOKIE['cart']);
$state = base64_decode($_POST['state']);
// ruleid: DSQ-PHP-0007
$obj = unserialize($state);
// ok: DSQ-PHP-0007
$prefs = unserialize($_COOKIE['prefs'], ['allowed_classes' => false]);
// ok: DSQ-PHP-0007
$cached = unserialize(file_get_contents(__DIR__ . '/cache.bin'));
// ok: DSQ-PHP-0007
$data = json_decode($_POST['state'], true);
