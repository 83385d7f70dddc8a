<?php

namespace App\Http\Controllers;

use Illuminate\Http\Request;
use Illuminate\Support\Facades\DB;
use Illuminate\Support\Facades\Http;

class ProductController extends Controller
{
    public function index(Request $request)
    {
        $category = $request->query('category', 'all');
        // ruleid: DSQ-PHP-0001
        $products = DB::select("SELECT * FROM products WHERE category = '" . $category . "'");
        // ok: DSQ-PHP-0001
        $count = DB::select('SELECT COUNT(*) AS n FROM products WHERE category = ?', [$category]);
        return view('products.index', compact('products', 'count'));
    }

    public function sorted(Request $request)
    {
        $dir = $request->input('dir') === 'desc' ? 'desc' : 'asc';
        // ok: DSQ-PHP-0001
        return DB::table('products')->orderByRaw('price ' . $dir)->get();
    }

    public function image(Request $request)
    {
        $url = $request->input('image_url');
        // ruleid: DSQ-PHP-0006
        $response = Http::timeout(5)->get($url);
        return response($response->body());
    }

    public function manual(Request $request)
    {
        $lang = $request->input('lang');
        // ruleid: DSQ-PHP-0005
        return response(file_get_contents(resource_path('manuals/' . $lang . '.html')));
    }

    public function import(Request $request)
    {
        // ruleid: DSQ-PHP-0007
        $rows = unserialize(base64_decode($request->input('payload')));
        return count($rows);
    }

    public function continue(Request $request)
    {
        // ruleid: DSQ-PHP-0008
        return redirect()->to($request->input('next'));
    }
}
