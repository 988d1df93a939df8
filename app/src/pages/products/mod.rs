//! The product catalogue: the list everyone reads, and for vendor staff
//! who keep it, the product form, families and the CSV file.

mod families;
mod form;
mod list;

pub use form::{EditProductPage, NewProductPage};
pub use list::ProductsPage;
