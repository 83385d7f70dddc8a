require "securerandom"
require "sinatra/base"
require "redis"

# A tiny URL shortener: POST /links stores a URL in Redis, GET /:code redirects to it.
class Shortener < Sinatra::Base
  set :port, ENV.fetch("PORT", 4567)
  set :bind, "0.0.0.0"

  REDIS = Redis.new(url: ENV.fetch("REDIS_URL", "redis://localhost:6379/0"))
  BASE_URL = ENV.fetch("PUBLIC_BASE_URL")

  get "/healthz" do
    REDIS.ping == "PONG" ? "ok" : halt(503, "redis unavailable")
  end

  post "/links" do
    url = params.fetch("url")
    code = SecureRandom.alphanumeric(7)
    REDIS.set("link:#{code}", url)
    content_type :json
    { code: code, short_url: "#{BASE_URL}/#{code}" }.to_json
  end

  get "/:code" do
    url = REDIS.get("link:#{params[:code]}")
    url ? redirect(url, 301) : halt(404, "unknown link")
  end

  run! if app_file == $PROGRAM_NAME
end
