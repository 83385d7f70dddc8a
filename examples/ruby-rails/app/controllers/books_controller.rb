class BooksController < ApplicationController
  def index
    render json: Book.order(:title).limit(50)
  end

  def show
    render json: Book.find(params[:id])
  end

  def create
    book = Book.create!(params.require(:book).permit(:title, :author))
    IndexBookJob.perform_async(book.id)
    render json: book, status: :created
  end
end
