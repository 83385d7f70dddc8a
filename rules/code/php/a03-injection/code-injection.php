<?php

$expr = $_POST['expr'];
// ruleid: DSQ-PHP-0003
$result = eval('return ' . $expr . ';');
// ruleid: DSQ-PHP-0003
assert($_GET['check']);
// ok: DSQ-PHP-0003
eval('return 1 + 1;');
$n = intval($_GET['n']);
// ok: DSQ-PHP-0003
eval("return $n * 2;");
// ok: DSQ-PHP-0003
assert($n > 0);
