<?php

$name = $_GET['file'];
// ruleid: DSQ-PHP-0005
echo file_get_contents('/var/www/uploads/' . $name);
// ruleid: DSQ-PHP-0005
$fh = fopen($_POST['path'], 'r');
// ruleid: DSQ-PHP-0005
$body = file_get_contents($_GET['url']);
// ok: DSQ-PHP-0005
readfile('/var/www/uploads/' . basename($name));
// ok: DSQ-PHP-0005
$config = file_get_contents(__DIR__ . '/config.json');
// ok: DSQ-PHP-0005
$raw = file_get_contents('php://input');

class DownloadController
{
    public function show(Request $request)
    {
        // ruleid: DSQ-PHP-0005
        return response()->download(storage_path('exports/' . $request->query('name')));
    }

    public function avatar(Request $request)
    {
        $id = (int) $request->input('id');
        // ok: DSQ-PHP-0005
        return Storage::get("avatars/{$id}.png");
    }
}
