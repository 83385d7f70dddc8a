<?php

$page = $_GET['page'];
// ruleid: DSQ-PHP-0004
include $page . '.php';
// ruleid: DSQ-PHP-0004
require_once("modules/" . $_REQUEST['module'] . "/index.php");
// ok: DSQ-PHP-0004
require_once __DIR__ . '/vendor/autoload.php';
$pages = ['home', 'about'];
if (!in_array($page, $pages, true)) {
    exit;
}
// ok: DSQ-PHP-0004
include "pages/$page.php";
// ok: DSQ-PHP-0004
include basename($_GET['tpl']) . '.php';
