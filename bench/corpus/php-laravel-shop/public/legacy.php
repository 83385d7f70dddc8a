<?php
require __DIR__ . '/../vendor/autoload.php';

$db = new mysqli('localhost', 'shop', getenv('DB_PASSWORD'), 'shop');
$sku = $_GET['sku'] ?? '';
// ruleid: DSQ-PHP-0001
$result = $db->query("SELECT name, price FROM products WHERE sku = '$sku'");
$id = (int) ($_GET['id'] ?? 0);
// ok: DSQ-PHP-0001
$other = $db->query("SELECT name FROM products WHERE id = $id");
// ruleid: DSQ-PHP-0009
echo "<h1>Product " . $sku . "</h1>";
// ok: DSQ-PHP-0009
echo "<p>" . htmlspecialchars($sku, ENT_QUOTES) . "</p>";
$theme = $_COOKIE['theme'] ?? 'light';
// ruleid: DSQ-PHP-0004
include "themes/" . $theme . ".php";
$report = $_POST['report'] ?? '';
// ruleid: DSQ-PHP-0002
$pdf = shell_exec('wkhtmltopdf ' . $report . ' /tmp/out.pdf');
// ok: DSQ-PHP-0002
$pdf2 = shell_exec('wkhtmltopdf ' . escapeshellarg($report) . ' /tmp/out.pdf');

function makeResetToken()
{
    // ruleid: DSQ-PHP-0011
    return md5(uniqid('', true));
}

function storeUser($db, $email, $password)
{
    // ruleid: DSQ-PHP-0010
    $hash = sha1($password);
    $stmt = $db->prepare('INSERT INTO users (email, password) VALUES (?, ?)');
    $stmt->bind_param('ss', $email, $hash);
    $stmt->execute();
}

$ch = curl_init('https://payments.example.com/api');
// ruleid: DSQ-PHP-0012
curl_setopt($ch, CURLOPT_SSL_VERIFYHOST, false);
