<?php

$url = $_GET['url'];
// ruleid: DSQ-PHP-0006
$ch = curl_init($url);
$ch2 = curl_init();
// ruleid: DSQ-PHP-0006
curl_setopt($ch2, CURLOPT_URL, $_POST['callback']);
// ok: DSQ-PHP-0006
curl_setopt($ch2, CURLOPT_TIMEOUT, $_POST['timeout']);
// ok: DSQ-PHP-0006
$ch3 = curl_init('https://api.example.com/v1/status');

class WebhookController
{
    public function preview(Request $request, Client $client)
    {
        // ruleid: DSQ-PHP-0006
        $res = Http::get($request->input('target'));
        // ruleid: DSQ-PHP-0006
        $client->request('GET', $request->input('feed'));
        // ok: DSQ-PHP-0006
        $client->request('GET', 'https://api.example.com/feed', ['query' => ['q' => $request->input('q')]]);
        $hook = $request->input('hook');
        if (!in_array(parse_url($hook, PHP_URL_HOST), config('hooks.allowed'), true)) {
            abort(403);
        }
        // ok: DSQ-PHP-0006
        return Http::post($hook, ['ok' => true]);
    }
}
