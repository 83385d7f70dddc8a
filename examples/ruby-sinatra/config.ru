require_relative "app"

run Shortener
