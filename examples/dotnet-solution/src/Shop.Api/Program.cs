using Microsoft.EntityFrameworkCore;
using Shop.Core;

var builder = WebApplication.CreateBuilder(args);

var port = Environment.GetEnvironmentVariable("PORT") ?? "5000";
builder.WebHost.UseUrls($"http://0.0.0.0:{port}");

builder.Services.AddDbContext<ShopDb>(options =>
    options.UseNpgsql(builder.Configuration.GetConnectionString("Shop")));
builder.Services.AddHealthChecks();

var app = builder.Build();

app.MapHealthChecks("/health/ready");
app.MapHealthChecks("/health/live");

app.MapGet("/orders", async (ShopDb db) => await db.Orders.OrderByDescending(o => o.PlacedAt).Take(100).ToListAsync());

app.MapPost("/orders", async (Order order, ShopDb db) =>
{
    db.Orders.Add(order);
    await db.SaveChangesAsync();
    return Results.Created($"/orders/{order.Id}", order);
});

app.Run();

public partial class Program;
