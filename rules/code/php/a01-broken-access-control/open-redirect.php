<?php

$next = $_GET['next'];
// ruleid: DSQ-PHP-0008
header("Location: " . $next);
// ruleid: DSQ-PHP-0008
header("Location: {$_REQUEST['return']}");
// ok: DSQ-PHP-0008
header("Location: /dashboard");
// ok: DSQ-PHP-0008
header("X-Request-Id: " . $_SERVER['HTTP_X_REQUEST_ID']);
// ok: DSQ-PHP-0008
header('Location: /search?q=' . urlencode($_GET['q']));

class AuthController
{
    public function login(Request $request)
    {
        // ruleid: DSQ-PHP-0008
        return redirect()->away($request->input('return_to'));
    }

    public function back(Request $request)
    {
        // ruleid: DSQ-PHP-0008
        return redirect($request->query('next'));
    }

    public function home()
    {
        // ok: DSQ-PHP-0008
        return redirect()->route('home');
    }
}
