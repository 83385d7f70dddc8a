<?php

declare(strict_types=1);

namespace Guestbook;

use PDO;

final class Entries
{
    public function __construct(private PDO $db)
    {
    }

    public function add(string $name, string $message): void
    {
        $stmt = $this->db->prepare('INSERT INTO entries (name, message) VALUES (?, ?)');
        $stmt->execute([$name, $message]);
    }

    /** @return list<array{name: string, message: string}> */
    public function latest(int $limit = 20): array
    {
        $limit = max(1, min($limit, (int) (getenv('GUESTBOOK_PAGE_SIZE') ?: 20)));

        return $this->db->query("SELECT name, message FROM entries ORDER BY id DESC LIMIT {$limit}")->fetchAll();
    }
}
