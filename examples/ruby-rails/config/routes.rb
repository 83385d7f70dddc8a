Rails.application.routes.draw do
  # Returns 200 when the app boots without exceptions, 500 otherwise.
  get "up" => "rails/health#show", as: :rails_health_check

  resources :books, only: %i[index show create]
  root "books#index"
end
