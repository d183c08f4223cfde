fn main() {
    std::process::exit(jxlint::cli::main());
}
