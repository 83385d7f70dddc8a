<?php

$q = $_GET['q'];
// ruleid: DSQ-PHP-0009
echo "<h1>Results for " . $q . "</h1>";
// ruleid: DSQ-PHP-0009
echo "Hello {$_POST['name']}";
// ruleid: DSQ-PHP-0009
printf('<p>%s</p>', $_REQUEST['msg']);
// ok: DSQ-PHP-0009
echo "<h1>Results for " . htmlspecialchars($q, ENT_QUOTES, 'UTF-8') . "</h1>";
// ok: DSQ-PHP-0009
echo json_encode(['q' => $q]);
// ok: DSQ-PHP-0009
echo (int) $_GET['page'];
// ok: DSQ-PHP-0009
echo "<p>Static text</p>";
?>
<?php // ruleid: DSQ-PHP-0009 ?>
<p><?= $_GET['ref'] ?></p>
<?php // ok: DSQ-PHP-0009 ?>
<p><?= e($_GET['ref']) ?></p>
