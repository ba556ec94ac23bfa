//! The quarterly chart: a model of what is drawn (`model`), shared by the
//! window and by the saved image (`image`).

pub mod image;
pub mod model;

pub use model::{ChartModel, ChartOptions, ChartPoint, ChartSeries, Marker};
