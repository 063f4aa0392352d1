//! Time `newsrake_report::write` alone on a finished generation (best of N, on THREADS threads):
//! `cargo run --release -p newsrake-report --example report_time -- OUT/.newsrake/current 5 2`.
//! Writes the page to /tmp/report-time.html.
fn main() {
    let dir = std::path::PathBuf::from(std::env::args().nth(1).unwrap());
    let n: usize = std::env::args().nth(2).map_or(5, |s| s.parse().unwrap());
    let threads: usize = std::env::args().nth(3).map_or(1, |s| s.parse().unwrap());
    let mut best = f64::MAX;
    for _ in 0..n {
        let t = std::time::Instant::now();
        newsrake_report::write(&dir, std::path::Path::new("/tmp/report-time.html"), threads)
            .unwrap();
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!("best of {n}: {best:.3} s");
}
