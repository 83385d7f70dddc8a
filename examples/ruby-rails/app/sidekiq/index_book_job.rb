class IndexBookJob
  include Sidekiq::Job

  def perform(book_id)
    book = Book.find(book_id)
    Rails.logger.info("indexed #{book.title}")
  end
end
