<?php

declare(strict_types=1);

namespace Guestbook;

use PDO;

final class Database
{
    public static function connect(): PDO
    {
        $dsn = getenv('DB_DSN') ?: 'mysql:host=127.0.0.1;port=3306;dbname=guestbook';
        $user = getenv('DB_USER') ?: 'guestbook';
        $password = getenv('DB_PASSWORD');

        return new PDO($dsn, $user, $password === false ? null : $password, [
            PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION,
            PDO::ATTR_DEFAULT_FETCH_MODE => PDO::FETCH_ASSOC,
        ]);
    }
}
