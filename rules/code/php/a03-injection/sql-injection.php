<?php

function legacy($mysqli, $pdo)
{
    $id = $_GET['id'];
    // ruleid: DSQ-PHP-0001
    mysqli_query($mysqli, "SELECT * FROM users WHERE id = " . $id);
    // ruleid: DSQ-PHP-0001
    $mysqli->query("SELECT * FROM users WHERE id = '$id'");
    $sql = "DELETE FROM posts WHERE slug = '" . $_POST['slug'] . "'";
    // ruleid: DSQ-PHP-0001
    $pdo->exec($sql);
    // ok: DSQ-PHP-0001
    $stmt = $pdo->prepare('SELECT * FROM users WHERE id = ?');
    // ok: DSQ-PHP-0001
    $stmt->execute([$id]);
    $n = (int) $_GET['page'];
    // ok: DSQ-PHP-0001
    $pdo->query("SELECT * FROM posts LIMIT 10 OFFSET " . ($n * 10));
    $safe = intval($_GET['limit']);
    // ok: DSQ-PHP-0001
    mysqli_query($mysqli, "SELECT * FROM posts LIMIT $safe");
    // ok: DSQ-PHP-0001
    $pdo->query('SELECT COUNT(*) FROM users');
}

class UserController extends Controller
{
    public function search(Request $request)
    {
        $name = $request->input('name');
        // ruleid: DSQ-PHP-0001
        $rows = DB::select(DB::raw("SELECT * FROM users WHERE name = '$name'"));
        // ruleid: DSQ-PHP-0001
        DB::statement('UPDATE users SET seen = 1 WHERE name = "' . $name . '"');
        // ruleid: DSQ-PHP-0001
        User::query()->whereRaw("email like '%" . request('q') . "%'")->get();
        // ok: DSQ-PHP-0001
        DB::select('SELECT * FROM users WHERE name = ?', [$name]);
        // ok: DSQ-PHP-0001
        User::where('name', $name)->whereRaw('active = ?', [1])->get();
        $sort = $request->query('sort');
        if (!in_array($sort, ['name', 'email'], true)) {
            abort(400);
        }
        // ok: DSQ-PHP-0001
        return User::query()->orderByRaw($sort . ' asc')->get();
    }
}
