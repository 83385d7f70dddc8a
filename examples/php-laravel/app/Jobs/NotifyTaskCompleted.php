<?php

namespace App\Jobs;

use App\Models\Task;
use Illuminate\Contracts\Queue\ShouldQueue;
use Illuminate\Foundation\Queue\Queueable;
use Illuminate\Support\Facades\Http;

class NotifyTaskCompleted implements ShouldQueue
{
    use Queueable;

    public function __construct(public Task $task)
    {
    }

    public function handle(): void
    {
        $url = config('tasks.webhook_url');
        if ($url) {
            Http::post($url, ['id' => $this->task->id, 'title' => $this->task->title]);
        }
    }
}
