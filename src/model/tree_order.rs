//! The order a hierarchy is read in — 1, 1.1, 1.2, 1.2.1, 2 … — whatever
//! order its items were stored or imported in: frameworks read by
//! `framework show`, `coverage`, `gaps` and every document.

/// The order a hierarchy is read in: each item followed by its children
/// (1, 1.1, 1.2, 1.2.1, 2, 2.1 …), siblings in the order given. `items`
/// are (key, parent key); an item whose parent is missing is a top-level
/// one. Returns indexes into `items`.
pub fn tree_order<K: Eq + std::hash::Hash>(items: &[(K, Option<K>)]) -> Vec<usize> {
    use std::collections::HashMap;
    let index: HashMap<&K, usize> = items.iter().enumerate().map(|(n, (key, _))| (key, n)).collect();
    let mut children: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut roots = Vec::new();
    for (n, (_, parent)) in items.iter().enumerate() {
        match parent.as_ref().and_then(|p| index.get(p)).filter(|p| **p != n) {
            Some(parent) => children.entry(*parent).or_default().push(n),
            None => roots.push(n),
        }
    }
    let mut order = Vec::with_capacity(items.len());
    let mut seen = vec![false; items.len()];
    let mut stack: Vec<usize> = roots.into_iter().rev().collect();
    while let Some(n) = stack.pop() {
        if std::mem::replace(&mut seen[n], true) {
            continue;
        }
        order.push(n);
        stack.extend(children.get(&n).into_iter().flatten().rev());
    }
    // A cycle has no top: its items go last, in their own order.
    order.extend((0..items.len()).filter(|n| !seen[*n]));
    order
}

/// `items` put in [`tree_order`] by their key and parent.
pub fn in_tree_order<T, K: Eq + std::hash::Hash>(
    items: Vec<T>,
    key: impl Fn(&T) -> (K, Option<K>),
) -> Vec<T> {
    let keys: Vec<(K, Option<K>)> = items.iter().map(key).collect();
    let order = tree_order(&keys);
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    order.into_iter().filter_map(|n| slots[n].take()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hierarchy_reads_each_item_before_its_children() {
        let items = [
            ("1", None),
            ("2", None),
            ("1.1", Some("1")),
            ("1.2", Some("1")),
            ("1.2.1", Some("1.2")),
            ("2.1", Some("2")),
            ("x", Some("gone")),
        ];
        let order: Vec<&str> = tree_order(&items).into_iter().map(|n| items[n].0).collect();
        assert_eq!(order, ["1", "1.1", "1.2", "1.2.1", "2", "2.1", "x"]);
        let cycle = [("a", Some("b")), ("b", Some("a")), ("c", None)];
        let order: Vec<&str> = tree_order(&cycle).into_iter().map(|n| cycle[n].0).collect();
        assert_eq!(order, ["c", "a", "b"], "a cycle is not lost");
    }
}
