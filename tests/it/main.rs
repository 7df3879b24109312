//! End-to-end tests through the doors a user uses: the `minbar` command line and HTTP against a
//! real `minbar serve` on a free port.

mod cli;
mod harness;
mod reference;
mod validate;
