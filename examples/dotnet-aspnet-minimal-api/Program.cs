using Microsoft.EntityFrameworkCore;
using TodoApi.Data;
using TodoApi.Models;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddDbContext<TodoDb>(options =>
    options.UseNpgsql(builder.Configuration.GetConnectionString("Todos")));
builder.Services.AddHealthChecks().AddDbContextCheck<TodoDb>();

var pageSize = builder.Configuration.GetValue<int>("Todos:PageSize", 50);
var apiKey = Environment.GetEnvironmentVariable("TODO_API_KEY");

var app = builder.Build();

app.MapHealthChecks("/healthz");

app.MapGet("/todos", async (TodoDb db, int page = 0) =>
    await db.Todos.OrderBy(t => t.Id).Skip(page * pageSize).Take(pageSize).ToListAsync());

app.MapGet("/todos/{id:int}", async (int id, TodoDb db) =>
    await db.Todos.FindAsync(id) is Todo todo ? Results.Ok(todo) : Results.NotFound());

app.MapPost("/todos", async (Todo todo, TodoDb db, HttpRequest request) =>
{
    if (apiKey is not null && request.Headers["X-Api-Key"] != apiKey)
    {
        return Results.Unauthorized();
    }
    db.Todos.Add(todo);
    await db.SaveChangesAsync();
    return Results.Created($"/todos/{todo.Id}", todo);
});

app.MapPut("/todos/{id:int}/done", async (int id, TodoDb db) =>
{
    var todo = await db.Todos.FindAsync(id);
    if (todo is null) return Results.NotFound();
    todo.IsDone = true;
    await db.SaveChangesAsync();
    return Results.NoContent();
});

app.Run();
