<?php

$host = $_GET['host'];
// ruleid: DSQ-PHP-0002
$out = shell_exec("ping -c 1 " . $host);
// ruleid: DSQ-PHP-0002
system("nslookup $host");
// ruleid: DSQ-PHP-0002
$listing = `ls -la {$_REQUEST['dir']}`;
// ok: DSQ-PHP-0002
exec("ping -c 1 " . escapeshellarg($host), $lines);
// ok: DSQ-PHP-0002
$uptime = `uptime`;
// ok: DSQ-PHP-0002
passthru('git rev-parse HEAD');

function convert(Request $request)
{
    $file = $request->input('file');
    // ruleid: DSQ-PHP-0002
    exec('convert ' . $file . ' out.png');
    $size = (int) $request->input('size');
    // ok: DSQ-PHP-0002
    exec("convert -resize {$size} in.png out.png");
}
