mod get_catalogue;
mod get_product_form;
mod import_products;
mod save_product;
mod save_product_family;

pub use get_catalogue::*;
pub use get_product_form::*;
pub use import_products::*;
pub use save_product::*;
pub use save_product_family::*;
