<?php

namespace App\Http\Controllers;

use App\Jobs\NotifyTaskCompleted;
use App\Models\Task;
use Illuminate\Http\Request;

class TaskController extends Controller
{
    public function index()
    {
        return Task::query()->latest()->paginate(config('tasks.page_size'));
    }

    public function store(Request $request)
    {
        $data = $request->validate(['title' => 'required|string|max:200']);

        return response()->json(Task::create($data), 201);
    }

    public function complete(Task $task)
    {
        $task->update(['completed_at' => now()]);
        NotifyTaskCompleted::dispatch($task);

        return $task;
    }
}
