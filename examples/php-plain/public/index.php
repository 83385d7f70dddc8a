<?php

declare(strict_types=1);

require __DIR__ . '/../vendor/autoload.php';

use Guestbook\Database;
use Guestbook\Entries;

$path = parse_url($_SERVER['REQUEST_URI'] ?? '/', PHP_URL_PATH);
$entries = new Entries(Database::connect());

header('Content-Type: application/json');

switch ($path) {
    case '/healthz':
        echo json_encode(['status' => 'ok']);
        break;
    case '/entries':
        if ($_SERVER['REQUEST_METHOD'] === 'POST') {
            $body = json_decode(file_get_contents('php://input') ?: '{}', true);
            $entries->add((string) ($body['name'] ?? 'anonymous'), (string) ($body['message'] ?? ''));
            http_response_code(201);
        }
        echo json_encode($entries->latest());
        break;
    default:
        http_response_code(404);
        echo json_encode(['error' => 'not found']);
}
