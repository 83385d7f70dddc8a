<?php

// App-specific settings: the webhook that receives "task completed" events.
return [
    'webhook_url' => env('TASKS_WEBHOOK_URL'),
    'page_size' => (int) env('TASKS_PAGE_SIZE', 25),
];
